ERROR InvalidInput: invalid input for artifact type 'resource' (1 problem):
  - item_type: required field is missing
