ERROR InvalidInput: invalid input for artifact type 'dto' (1 problem):
  - name: expected a PascalCase class name (a capital letter, then letters and digits), e.g. 'OrderCreated' (given: 'order dto')
