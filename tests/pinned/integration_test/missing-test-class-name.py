ERROR InvalidInput: invalid input for artifact type 'integration_test' (1 problem):
  - test_class_name: required field is missing
