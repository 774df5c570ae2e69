ERROR InvalidInput: invalid input for artifact type 'resource' (1 problem):
  - key_name: expected a snake_case name (lowercase letters, digits and underscores, not starting with a digit), e.g. 'order_total' (given: 'country code')
