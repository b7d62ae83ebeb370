p = open('pairs_data.py', encoding='utf-8').read()
R = [
('''"'I guess' sounds like there's more. what's the part you're not fine with?",''', '''"'I guess' sounds like there's more to it. I'd like to hear the part you're not fine with",'''),
('''"which part keeps coming back to you?",''', '''"I'm curious which part keeps coming back to you",'''),
('''"what was happening when it came out?",''', '''"tell me what was happening when it came out",'''),
('''"what is it about the question that gets under your skin?",''', '''"I'm wondering what it is about that question that gets to you. say more",'''),
]
for a, b in R:
    assert p.count(a) == 1, a
    p = p.replace(a, b)
open('pairs_data.py', 'w', encoding='utf-8').write(p)
