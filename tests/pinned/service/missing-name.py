ERROR InvalidInput: invalid input for artifact type 'service' (1 problem):
  - name: required field is missing
