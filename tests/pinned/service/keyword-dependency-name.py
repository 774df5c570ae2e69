ERROR InvalidInput: invalid input for artifact type 'service' (1 problem):
  - dependencies.0.name: 'import' is a Python keyword (given: 'import')
