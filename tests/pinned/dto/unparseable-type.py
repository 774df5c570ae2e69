ERROR InvalidInput: invalid input for artifact type 'dto' (1 problem):
  - fields.0.type: expected a Python type expression, e.g. 'int', 'list[str]' or 'dict[str, int] | None'; 'list[int' does not parse (given: 'list[int')
