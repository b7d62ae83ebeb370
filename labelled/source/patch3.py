p = open('needs_data.py', encoding='utf-8').read()
R = [
('''("presence", 0, "l", "miss having someone to tell my day to", []),''',
 '''("presence", 0, "l", "everyone's out and I've been talking to the cat all evening lol. you around?", []),'''),
('''"I'm in the car outside the clinic. they're running 40 mins behind", []''',
 '''"in the car outside the clinic. they're running 40 mins behind and I'm just sat here with my thoughts", []'''),
('''("space", 0, "m", "i'll be in my room.", [("B", "dinner's at 7, are you coming down?")]),''',
 '''("space", 0, "m", "not hungry. gonna stay in my room tonight", [("B", "dinner's at 7, are you coming down?")]),'''),
('''("space", 0, "l", "think I'll head upstairs and read for a bit", []),''',
 '''("space", 0, "l", "think I'll head upstairs and read for a bit", [("B", "you've been quiet all evening, everything ok?")]),'''),
('''"phone's off for the evening. if it's urgent call Dan"''',
 '''"switching my phone off, I'm done with today. if it's urgent call Dan"'''),
('''("space", 0, "l", "Going off grid til Sunday ✌️", []),''',
 '''("space", 1, "l", "Going off grid til Sunday ✌️ need a break from everyone", []),'''),
]
for a, b in R:
    assert p.count(a) == 1, a
    p = p.replace(a, b)
open('needs_data.py', 'w', encoding='utf-8').write(p)
