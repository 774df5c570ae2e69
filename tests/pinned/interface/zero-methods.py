ERROR InvalidInput: invalid input for artifact type 'interface' (1 problem):
  - methods: List should have at least 1 item after validation, not 0 (given: [])
