ERROR InvalidInput: invalid input for artifact type 'dto' (1 problem):
  - name: required field is missing
