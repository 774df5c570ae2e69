ERROR InvalidInput: invalid input for artifact type 'unit_test' (1 problem):
  - module_under_test: required field is missing
