ERROR InvalidInput: invalid input for artifact type 'adapter' (1 problem):
  - client_type: required field is missing
