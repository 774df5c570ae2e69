ERROR InvalidInput: invalid input for artifact type 'adapter' (1 problem):
  - name: required field is missing
