# An uncaught TypeError from sorting objects without ordering methods
class Task:
    def __init__(self, name):
        self.name = name
tasks = [Task("b")]
print(len(sorted(tasks)))
tasks.append(Task("a"))
print(len(sorted(tasks)))
