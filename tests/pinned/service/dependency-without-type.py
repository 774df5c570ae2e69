ERROR InvalidInput: invalid input for artifact type 'service' (1 problem):
  - dependencies.0.type: required field is missing
