# Exception raised in a finally block while another is propagating.
def cleanup(resource):
    raise OSError("cleanup of " + resource + " failed")

def work():
    try:
        print("working")
        raise ValueError("work failed")
    finally:
        cleanup("db")

work()
