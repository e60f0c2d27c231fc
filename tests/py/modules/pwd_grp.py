# pwd and grp: lookups by name and id agree, struct sequences behave as
# tuples with named fields, and missing entries raise KeyError.
import pwd, grp

root = pwd.getpwnam('root')
print(root.pw_uid, root.pw_name, root[0] == root.pw_name, len(root))
print(pwd.getpwuid(root.pw_uid).pw_name == 'root', pwd.getpwuid(0) == root)
print(type(root).__name__, type(root).__module__, pwd.struct_passwd.n_fields)
print(isinstance(root, tuple), type(root.pw_dir), type(root.pw_gid))
all_users = pwd.getpwall()
print(root in all_users, all(isinstance(p, pwd.struct_passwd) for p in all_users))
print(all(pwd.getpwnam(p.pw_name).pw_uid == p.pw_uid for p in all_users[:5]))
print(repr(pwd.getpwuid(0)).startswith("pwd.struct_passwd(pw_name='root', pw_passwd="))

for f, arg in [(pwd.getpwnam, 'no_such_user_xyz'), (pwd.getpwuid, 2**31 - 7),
               (pwd.getpwuid, -5), (pwd.getpwnam, 12), (pwd.getpwuid, 'x'),
               (pwd.getpwnam, 'a\0b'), (grp.getgrnam, 'no_such_group_xyz'),
               (grp.getgrgid, 2**31 - 7), (grp.getgrgid, 'x'), (grp.getgrnam, None)]:
    try:
        f(arg)
    except (KeyError, TypeError, ValueError) as e:
        print(f.__name__, type(e).__name__, e)

g = grp.getgrgid(0)
print(g.gr_name, g.gr_gid, type(g.gr_mem), grp.getgrnam(g.gr_name) == g)
print(type(g).__name__, grp.struct_group.n_fields, len(g))
groups = grp.getgrall()
print(g in groups, all(isinstance(x.gr_mem, list) for x in groups))
print(grp.getgrgid(id=0).gr_name == g.gr_name)
p = pwd.struct_passwd(('a', 'x', 1, 2, 'gecos', '/home/a', '/bin/sh'))
print(p, p.pw_shell)
try:
    pwd.struct_passwd((1, 2))
except TypeError as e:
    print('TypeError', e)
try:
    root.pw_name = 'x'
except AttributeError as e:
    print('AttributeError', e)
