# Foreign keys are not enforced until PRAGMA foreign_keys = ON (SQLite's default).
import sqlite3

con = sqlite3.connect(":memory:")
print(con.execute("PRAGMA foreign_keys").fetchall())
con.executescript("""
    CREATE TABLE person (id INTEGER PRIMARY KEY);
    CREATE TABLE address (id INTEGER PRIMARY KEY, person_id INTEGER REFERENCES person(id));
    INSERT INTO person VALUES (1);
    INSERT INTO address VALUES (1, 1);
""")
con.execute("DELETE FROM person")
print("deleted without enforcement:", con.execute("SELECT count(*) FROM address").fetchone())
con.commit()  # the pragma is a no-op inside a transaction
con.execute("PRAGMA foreign_keys = ON")
print(con.execute("PRAGMA foreign_keys").fetchall())
con.execute("INSERT INTO person VALUES (2)")
con.execute("INSERT INTO address VALUES (2, 2)")
try:
    con.execute("DELETE FROM person WHERE id = 2")
except sqlite3.IntegrityError as e:
    print("IntegrityError:", e)
