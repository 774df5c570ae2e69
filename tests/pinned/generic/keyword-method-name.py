ERROR InvalidInput: invalid input for artifact type 'generic' (1 problem):
  - methods.0.name: 'import' is a Python keyword (given: 'import')
