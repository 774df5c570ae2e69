ERROR InvalidInput: invalid input for artifact type 'dto' (1 problem):
  - fields: List should have at least 1 item after validation, not 0 (given: [])
