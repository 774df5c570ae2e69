ERROR InvalidInput: invalid input for artifact type 'adapter' (1 problem):
  - methods.0.params.0.name: 'from' is a Python keyword (given: 'from')
