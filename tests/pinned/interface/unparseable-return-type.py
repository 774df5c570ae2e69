ERROR InvalidInput: invalid input for artifact type 'interface' (1 problem):
  - methods.0.returns: expected a Python type expression, e.g. 'int', 'list[str]' or 'dict[str, int] | None'; 'list[int' does not parse (given: 'list[int')
