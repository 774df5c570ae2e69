ERROR InvalidInput: invalid input for artifact type 'worker' (1 problem):
  - layer: required field is missing
