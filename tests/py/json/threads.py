# One encoder and one scanner shared by several threads: each call has its
# own state, so every thread gets its own document back intact.
import json
import threading

doc = {'rows': [{'id': i, 'name': 'n%d' % i, 'vals': [i, i * 0.5, None, True]} for i in range(300)]}
text = json.dumps(doc)
enc = json.JSONEncoder(check_circular=False)
dec = json.JSONDecoder()
errors = []

def work(k):
    for _ in range(20):
        local = {'k': k, 'doc': doc}
        t = enc.encode(local)
        back = dec.decode(t)
        if back['k'] != k or back['doc'] != doc:
            errors.append(k)
        if dec.decode(text) != doc:
            errors.append(-k)

ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print('errors', errors)
print(json.dumps(doc) == text)
