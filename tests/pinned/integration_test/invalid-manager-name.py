ERROR InvalidInput: invalid input for artifact type 'integration_test' (1 problem):
  - managers_needed.0.name: expected a snake_case name (lowercase letters, digits and underscores, not starting with a digit), e.g. 'order_total' (given: 'order exporter')
