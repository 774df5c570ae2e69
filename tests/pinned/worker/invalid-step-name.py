ERROR InvalidInput: invalid input for artifact type 'worker' (1 problem):
  - capabilities.0: expected a snake_case name (lowercase letters, digits and underscores, not starting with a digit), e.g. 'order_total' (given: 'remove old files')
