"""The server's RSS while it serves picture cards.

    python3 hbdta-bot/bench/cards_rss.py target/release/hbdta-bot 400 [ENV=VALUE ...]

Starts `hbdta-bot serve` (Messenger with a known app secret, HBDTA_PUBLIC_URL, an in-memory store,
fakes on a closed port that are never called), signs N different cards the way the bot does
(HMAC-SHA256 of the picture JSON with a key derived from the app secret), asks for them over
GET /cards/<key>.png four at a time, and prints the RSS before, after and at its peak (VmHWM).
"""
import base64, hmac, hashlib, json, os, socket, subprocess, sys, time, urllib.request, concurrent.futures
BIN = sys.argv[1]; N = int(sys.argv[2]); extra = dict(a.split('=',1) for a in sys.argv[3:])
secret = "bench-app-secret"
key = hmac.new(secret.encode(), b"hbdta-bot card keys v1", hashlib.sha256).digest()
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
base = f"http://127.0.0.1:{port}"
env = {"MESSENGER_PAGE_ACCESS_TOKEN":"t","MESSENGER_APP_SECRET":secret,"MESSENGER_VERIFY_TOKEN":"v",
       "MESSENGER_GRAPH_URL":"http://127.0.0.1:9","OPENDOTA_BASE_URL":"http://127.0.0.1:9/api",
       "HBDTA_PUBLIC_URL":base,"HBDTA_DATABASE_URL":"sqlite::memory:","HOST":"127.0.0.1","PORT":str(port),"RUST_LOG":"error", **extra}
p = subprocess.Popen([BIN, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def status(field):
    for l in open(f"/proc/{p.pid}/status"):
        if l.startswith(field): return int(l.split()[1])/1024
for _ in range(400):
    try: urllib.request.urlopen(base+"/healthz"); break
    except Exception: time.sleep(0.05)
before = status("VmRSS:"); anon0 = status("RssAnon:"); file0 = status("RssFile:")
def url(n):
    pic = {"kind":"stats","name":f"Ｓａｍ ✨ 尊 {n}","rank":"Immortal #32","wins":3748+n,"losses":2327,
           "heroes":[{"hero":h,"games":1500-i*200,"wins":900-i*150} for i,h in enumerate(["Anti-Mage","Invoker","Pudge","Shadow Fiend","Centaur Warrunner"])],
           "results":"WWLWLWWWLLWWLWLWWLWL"}
    if n % 2: pic = {"kind":"last_match","name":f"Arteezy {n}","hero":"Tidehunter","won":n%4==1,"radiant":True,"kda":[3,1,5],
                     "facts":"30:00 · All Draft, Ranked · 2 h ago","economy":"600 GPM · 700 XPM · 300 last hits · 20,000 hero damage",
                     "items":["Blink Dagger","Black King Bar","Boots of Travel","Magic Wand","Abyssal Blade","Battle Fury","Ultimate Orb"]}
    j = json.dumps(pic, separators=(",",":"), ensure_ascii=False).encode()
    sig = hmac.new(key, j, hashlib.sha256).digest()[:16].hex()
    return f"{base}/cards/{base64.urlsafe_b64encode(j).decode().rstrip('=')}.{sig}.png"
urls = [url(n) for n in range(N)]
with concurrent.futures.ThreadPoolExecutor(4) as ex:
    sizes = list(ex.map(lambda u: len(urllib.request.urlopen(u).read()), urls))
print(f"{N} cards, {min(sizes)}-{max(sizes)} B; RSS before {before:.1f} MiB (anon {anon0:.1f}, file {file0:.1f}), after {status('VmRSS:'):.1f} (anon {status('RssAnon:'):.1f}, file {status('RssFile:'):.1f}), peak {status('VmHWM:'):.1f} MiB")
p.terminate(); p.wait()
