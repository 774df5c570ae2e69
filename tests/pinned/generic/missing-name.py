ERROR InvalidInput: invalid input for artifact type 'generic' (1 problem):
  - name: required field is missing
