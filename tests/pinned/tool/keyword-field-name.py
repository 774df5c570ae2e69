ERROR InvalidInput: invalid input for artifact type 'tool' (1 problem):
  - inputs.0.name: 'from' is a Python keyword (given: 'from')
