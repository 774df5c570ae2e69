ERROR InvalidInput: invalid input for artifact type 'tool' (1 problem):
  - name: required field is missing
