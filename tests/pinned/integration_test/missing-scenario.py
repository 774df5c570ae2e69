ERROR InvalidInput: invalid input for artifact type 'integration_test' (1 problem):
  - test_scenario: required field is missing
