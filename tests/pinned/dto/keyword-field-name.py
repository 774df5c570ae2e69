ERROR InvalidInput: invalid input for artifact type 'dto' (1 problem):
  - fields.0.name: 'from' is a Python keyword (given: 'from')
