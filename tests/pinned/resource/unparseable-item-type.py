ERROR InvalidInput: invalid input for artifact type 'resource' (1 problem):
  - item_type: expected a Python type expression, e.g. 'int', 'list[str]' or 'dict[str, int] | None'; 'dict[str, int' does not parse (given: 'dict[str, int')
