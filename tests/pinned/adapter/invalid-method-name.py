ERROR InvalidInput: invalid input for artifact type 'adapter' (1 problem):
  - methods.0.name: expected a snake_case name (lowercase letters, digits and underscores, not starting with a digit), e.g. 'order_total' (given: 'send mail')
