# A custom exception with __str__ escaping to the top level.
class ValidationError(Exception):
    def __init__(self, field, problem):
        super().__init__(field, problem)
        self.field = field
        self.problem = problem
    def __str__(self):
        return f"field {self.field!r}: {self.problem}"

def validate(record):
    for k, v in record.items():
        if v is None:
            raise ValidationError(k, "must not be None")
    return True

print(validate({"a": 1}))
validate({"a": 1, "b": None})
