ERROR InvalidInput: invalid input for artifact type 'tool' (1 problem):
  - outputs.0.type: expected a Python type expression, e.g. 'int', 'list[str]' or 'dict[str, int] | None'; 'dict[str, int' does not parse (given: 'dict[str, int')
