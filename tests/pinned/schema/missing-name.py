ERROR InvalidInput: invalid input for artifact type 'schema' (1 problem):
  - name: required field is missing
