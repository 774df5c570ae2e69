ERROR InvalidInput: invalid input for artifact type 'unit_test' (1 problem):
  - imported_classes.0: expected a PascalCase class name (a capital letter, then letters and digits), e.g. 'OrderCreated' (given: 'order service')
