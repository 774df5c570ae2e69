ERROR InvalidInput: invalid input for artifact type 'resource' (1 problem):
  - name: required field is missing
