ERROR InvalidInput: invalid input for artifact type 'interface' (1 problem):
  - name: required field is missing
