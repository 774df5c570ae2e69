ERROR InvalidInput: invalid input for artifact type 'generic' (1 problem):
  - methods.0: method 'send': parameter 'to' has no default but follows one that has; move it before them
