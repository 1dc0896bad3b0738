# ruff: noqa: E501  (one invented sentence a line reads best unwrapped)
"""Phrasings of many ministries' releases, one invented sentence each (issue 13): the acts
found, their status and their sides (persons by name, states by ISO code)."""

from __future__ import annotations

from collections import Counter

import pytest

from diplograph.models import Article
from diplograph.nlp import Extractor

Act = tuple[str, str, frozenset[str]]

CASES: list[tuple[str, list[Act]]] = [
    (
        "Prime Minister of Norway Jon Dahl telephoned President of Kenya Amos Kiprono on Tuesday to discuss trade.",
        [("CALL", "occurred", frozenset(["Amos Kiprono", "Jon Dahl"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro held talks with her Chilean counterpart Tomas Quell in Santiago on Monday.",
        [("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    (
        "Secretary Mara Holt's Call with Foreign Minister of Peru Rosa Huaman\n\nSecretary of State Mara Holt spoke today with Peruvian Foreign Minister Rosa Huaman.",
        [("CALL", "occurred", frozenset(["Mara Holt", "Rosa Huaman"]))],
    ),
    (
        "Foreign Minister of Chile Tomas Quell received a phone call from Foreign Minister of Peru Rosa Huaman.",
        [("CALL", "occurred", frozenset(["Rosa Huaman", "Tomas Quell"]))],
    ),
    (
        "Foreign Minister of Chile Tomas Quell and Foreign Minister of Peru Rosa Huaman held a video conference on Friday.",
        [("CALL", "occurred", frozenset(["Rosa Huaman", "Tomas Quell"]))],
    ),
    (
        "Ambassador of Chile to Finland Tomas Quell paid a courtesy call on Finnish Minister of Trade Alda Verro.",
        [("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    (
        "President of Kenya Amos Kiprono received in audience Ambassador of Norway Jon Dahl.",
        [("MEETING", "occurred", frozenset(["Amos Kiprono", "Jon Dahl"]))],
    ),
    (
        "Ambassador of Norway Jon Dahl called on Foreign Minister of Kenya Amos Kiprono at his office.",
        [("MEETING", "occurred", frozenset(["Amos Kiprono", "Jon Dahl"]))],
    ),
    (
        "President of Kenya Amos Kiprono will receive his Norwegian counterpart Jon Dahl next week.",
        [("MEETING", "planned", frozenset(["Amos Kiprono", "Jon Dahl"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro is scheduled to meet Foreign Minister of Chile Tomas Quell on 12 June 2024.",
        [("MEETING", "planned", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro is to undertake a working visit to Chile on 12-13 June 2024.",
        [("VISIT", "planned", frozenset(["Alda Verro", "CHL"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro will travel to Chile next week.",
        [("VISIT", "planned", frozenset(["Alda Verro", "CHL"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro travelled to Santiago, Chile, on Monday for talks.",
        [("VISIT", "occurred", frozenset(["Alda Verro", "CHL"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro arrived in Lima on an official visit to Peru.",
        [("VISIT", "occurred", frozenset(["Alda Verro", "PER"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro held separate meetings with Foreign Minister of Chile Tomas Quell, Foreign Minister of Peru Rosa Huaman and Foreign Minister of Kenya Amos Kiprono.",
        [
            ("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"])),
            ("MEETING", "occurred", frozenset(["Alda Verro", "Rosa Huaman"])),
            ("MEETING", "occurred", frozenset(["Alda Verro", "Amos Kiprono"])),
        ],
    ),
    (
        "Foreign Minister of Finland Alda Verro met counterparts from India, Indonesia and Vietnam.",
        [
            ("MEETING", "occurred", frozenset(["Alda Verro", "IND"])),
            ("MEETING", "occurred", frozenset(["Alda Verro", "IDN"])),
            ("MEETING", "occurred", frozenset(["Alda Verro", "VNM"])),
        ],
    ),
    (
        "President of Kenya Amos Kiprono sent a message of condolences to President of Chile Tomas Quell over the earthquake.",
        [("SYMPATHY", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"]))],
    ),
    (
        "President of Kenya Amos Kiprono sent a congratulatory message to President of Chile Tomas Quell on the National Day.",
        [("CONGRATULATION", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"]))],
    ),
    (
        "In a letter to President of Chile Tomas Quell, President of Kenya Amos Kiprono invited him to visit Nairobi.",
        [("INVITATION", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"]))],
    ),
    (
        "Ambassador of Norway Jon Dahl presented his credentials to President of Kenya Amos Kiprono.",
        [("CREDENTIALS", "occurred", frozenset(["Amos Kiprono", "Jon Dahl"]))],
    ),
    (
        "President of Kenya Amos Kiprono received the letters of credence of the ambassadors of Chile, Peru and Norway.",
        [
            ("CREDENTIALS", "occurred", frozenset(["Amos Kiprono", "CHL"])),
            ("CREDENTIALS", "occurred", frozenset(["Amos Kiprono", "PER"])),
            ("CREDENTIALS", "occurred", frozenset(["Amos Kiprono", "NOR"])),
        ],
    ),
    (
        "Foreign Minister of Finland Alda Verro took part in the meeting of the Council of Foreign Ministers of the Nordic Council in Oslo.",
        [("MULTILATERAL", "occurred", frozenset(["Alda Verro"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro will attend the 79th session of the UN General Assembly in New York.",
        [("MULTILATERAL", "planned", frozenset(["Alda Verro"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro and Foreign Minister of Chile Tomas Quell signed a memorandum of understanding on education.",
        [("AGREEMENT", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    (
        "Finland and Palau established diplomatic relations on 3 May 2024.",
        [("MISSION", "occurred", frozenset(["FIN", "PLW"]))],
    ),
    (
        "The Government of Norway handed over 500 tonnes of humanitarian aid to Kenya on Monday.",
        [("AID", "occurred", frozenset(["KEN", "NOR"]))],
    ),
    (
        "Foreign Minister of Chile Tomas Quell expressed support for Finland's candidacy for the UN Security Council.",
        [("SUPPORT", "occurred", frozenset(["FIN", "Tomas Quell"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro met Foreign Minister of Chile Tomas Quell. Verro recalled her visit to Chile in 2015.",
        [("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro met Foreign Minister of Chile Tomas Quell. They noted that visits at the highest level are planned.",
        [("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    (
        "On the sidelines of the G20 summit, Foreign Minister of Finland Alda Verro met Foreign Minister of Chile Tomas Quell.",
        [("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    (
        "Foreign Minister of Finland Alda Verro and Foreign Minister of Chile Tomas Quell stressed the importance of signing the trade agreement.",
        [],
    ),
    # "received copies of Letters of Credence from three envoys. Those who presented ... were: A; B; and the Ambassador of C"
    (
        "Minister Amos Kiprono received copies of Letters of Credence from three newly accredited envoys to Kenya.\n\nThose who presented copies of their credentials were: the Ambassador of Chile, Mr. Tomas Quell; the Ambassador of Peru, Ms. Rosa Huaman; and the Ambassador of Norway.",
        [
            ("CREDENTIALS", "occurred", frozenset(["Tomas Quell", "Amos Kiprono"])),
            ("CREDENTIALS", "occurred", frozenset(["Rosa Huaman", "Amos Kiprono"])),
            ("CREDENTIALS", "occurred", frozenset(["NOR", "Amos Kiprono"])),
        ],
    ),
    # the next round of a dialogue whose name joins two states: a planned meeting of the two
    (
        "The two ministers agreed to convene the next session of the U.S.-Chile Strategic Dialogue in Santiago in 2026.",
        [("MEETING", "planned", frozenset(["USA", "CHL"]))],
    ),
    # the visit an invitation asks for is its content, whoever extended it
    (
        "Foreign Minister Tomas Quell of Chile extended an invitation to Foreign Minister Alda Verro of Finland to pay an official visit to Chile.",
        [("INVITATION", "occurred", frozenset(["Tomas Quell", "Alda Verro"]))],
    ),
    # "the Foreign Minister of Chile" is the one minister whose state the text never says
    # and who is not the other side named in the sentence, not Chile's ambassador
    (
        "The Foreign Minister of Chile was received this morning by the Minister of State and Foreign Affairs, Alda Verro. Minister Tomas Quell, who is in Helsinki on a working visit, and the Ambassador of Chile in Helsinki, Rosa Huaman, attended.",
        [
            ("MEETING", "occurred", frozenset(["Tomas Quell", "Alda Verro"])),
            ("VISIT", "occurred", frozenset(["Tomas Quell", "FIN"])),
        ],
    ),
    # the next round the sides agreed on is the states' talks to come, not the talks held
    (
        "Foreign Minister Alda Verro of Finland held talks with Foreign Minister Tomas Quell of Chile. The sides agreed to hold the next round of consultations in Santiago in 2026.",
        [
            ("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"])),
            ("MEETING", "planned", frozenset(["FIN", "CHL"])),
        ],
    ),
    # "the Chilean guest": the visiting person of that state
    (
        "Foreign Minister Alda Verro of Finland held talks with Foreign Minister Tomas Quell of Chile. The day before, the Chilean guest was received at the Parliament by the Chairman of the Foreign Affairs Committee, Ivo Branek.",
        [
            ("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"])),
            ("MEETING", "occurred", frozenset(["Tomas Quell", "Ivo Branek"])),
        ],
    ),
    # a list of envoys after a colon, one a line, the last "and the Ambassador of X."
    (
        "On Wednesday, the following ambassadors handed over their credentials to President of the Republic Ivo Branek in Helsinki:\nAmbassador of the Republic of Chile Tomas Quell\nAmbassador of the Republic of Peru Ms Rosa Huaman\nand the Ambassador of the Republic of Malta.",
        [
            ("CREDENTIALS", "occurred", frozenset(["Tomas Quell", "Ivo Branek"])),
            ("CREDENTIALS", "occurred", frozenset(["Rosa Huaman", "Ivo Branek"])),
            ("CREDENTIALS", "occurred", frozenset(["MLT", "Ivo Branek"])),
        ],
    ),
    # a dateline in capitals and a spaced dash: no "Oslo-Norway" compound
    (
        "OSLO – Norway and Kenya signed an agreement on air services on Tuesday.",
        [("AGREEMENT", "occurred", frozenset(["NOR", "KEN"]))],
    ),
    # "invited her / his counterpart to visit": the other side of the talks just held
    (
        "Foreign Minister Alda Verro of Finland met Foreign Minister Tomas Quell of Chile in Helsinki. Minister Quell invited his counterpart to visit Chile.",
        [
            ("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"])),
            ("INVITATION", "occurred", frozenset(["Tomas Quell", "Alda Verro"])),
        ],
    ),
    (
        "Foreign Minister Alda Verro of Finland met Foreign Minister Tomas Quell of Chile in Helsinki. Minister Quell invited her to visit Chile.",
        [
            ("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"])),
            ("INVITATION", "occurred", frozenset(["Tomas Quell", "Alda Verro"])),
        ],
    ),
    # "received the new Ambassador, X, who handed over a copy of his credentials"
    (
        "Foreign Minister Rosa Huaman of Peru received yesterday the newly appointed Ambassador of Chile, Tomas Quell, who handed over a copy of his credentials.",
        [
            ("MEETING", "occurred", frozenset(["Rosa Huaman", "Tomas Quell"])),
            ("CREDENTIALS", "occurred", frozenset(["Tomas Quell", "Rosa Huaman"])),
        ],
    ),
    # aid handed over to a named person; a pledge of aid is intended; "donated food"
    (
        "The Ambassador of Chile to Peru, Tomas Quell, handed over relief supplies to Minister of Disaster Management Rosa Huaman.",
        [("AID", "occurred", frozenset(["Tomas Quell", "Rosa Huaman"]))],
    ),
    (
        "Chile is providing additional humanitarian assistance to Peru, Minister of Development Rosa Huaman announced.",
        [("AID", "occurred", frozenset(["CHL", "PER"]))],
    ),
    (
        "Chile pledged humanitarian assistance to Peru.",
        [("AID", "intended", frozenset(["CHL", "PER"]))],
    ),
    ("Chile donated 20 tonnes of food to Peru.", [("AID", "occurred", frozenset(["CHL", "PER"]))]),
    # a trip to a gathering is the gathering's; a visit named as one stays
    (
        "Foreign Minister Alda Verro arrived in New York on Monday to take part in the high-level week of the UN General Assembly.",
        [("MULTILATERAL", "occurred", frozenset(["Alda Verro"]))],
    ),
    (
        "Foreign Minister Alda Verro of Finland paid an official visit to Peru and attended the summit of the Pacific Alliance in Lima.",
        [
            ("VISIT", "occurred", frozenset(["Alda Verro", "PER"])),
            ("MULTILATERAL", "occurred", frozenset(["Alda Verro"])),
        ],
    ),
    # a list of officials separated by semicolons is one list, not three clauses
    (
        "On Wednesday, Minister Alda Verro held separate meetings with the Minister of Finance, Ivo Branek; the Minister of Energy, Rosa Huaman; and the President of the Senate, Tomas Quell.",
        [
            ("MEETING", "occurred", frozenset(["Alda Verro", "Ivo Branek"])),
            ("MEETING", "occurred", frozenset(["Alda Verro", "Rosa Huaman"])),
            ("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"])),
        ],
    ),
    # "EU agencies" are bodies of the EU, not the EU: no meeting with it
    ("Foreign Minister Alda Verro will meet EU agencies and NGOs in Brussels next week.", []),
    # the headlines under a "Related news" line are other articles' acts
    (
        "Foreign Minister of Finland Alda Verro met Foreign Minister of Chile Tomas Quell.\n\nRelated news\n12 March 2025 - Foreign Minister Alda Verro to visit Peru\nPresident of Kenya Amos Kiprono receives Ambassador of Norway Jon Dahl",
        [("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    # a journalist's question at a briefing reports no act
    (
        "Question: Could you tell us whether Foreign Minister of Finland Alda Verro will meet Foreign Minister of Chile Tomas Quell next week?",
        [],
    ),
    # "last met": the previous meeting, recalled
    (
        "Foreign Minister of Finland Alda Verro spoke by phone with Foreign Minister of Chile Tomas Quell. The two ministers last met in Lima.",
        [("CALL", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    # a title with a letter slipped is still a title, not the first word of the name
    (
        "Minsiter Alda Verro of Finland met Foreign Minister of Chile Tomas Quell.",
        [("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    # a first-person page: the acts of the person it names before its first "I"
    (
        "Foreign Minister of Finland Alda Verro\n\nToday I met Foreign Minister of Chile Tomas Quell. Tomorrow I will travel to Peru.",
        [
            ("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"])),
            ("VISIT", "planned", frozenset(["Alda Verro", "PER"])),
        ],
    ),
    (
        "Remarks by Foreign Minister of Finland Alda Verro\n\nHelsinki, 3 May 2024\n\nYesterday I held talks with my counterparts from Chile, Peru and Norway.",
        [
            ("MEETING", "occurred", frozenset(["Alda Verro", "CHL"])),
            ("MEETING", "occurred", frozenset(["Alda Verro", "PER"])),
            ("MEETING", "occurred", frozenset(["Alda Verro", "NOR"])),
        ],
    ),
    # a wire story's "State's First Last": a person serving that state
    (
        "Foreign Minister of Finland Alda Verro held talks with Chile's Tomas Quell in Helsinki on Monday.",
        [("MEETING", "occurred", frozenset(["Alda Verro", "Tomas Quell"]))],
    ),
    # a capital that hosts a minister: the minister's visit to its state
    (
        "Oslo hosted Chile's Foreign Minister Tomas Quell on Monday.",
        [("VISIT", "occurred", frozenset(["Tomas Quell", "NOR"]))],
    ),
    # "During his visit, X spoke": the topic carried on is X, not the pronoun before him
    (
        "Foreign Minister of Chile Tomas Quell arrived in Helsinki. During his visit, President of Finland Ivo Branek spoke of trade. He later telephoned Prime Minister of Norway Jon Dahl.",
        [
            ("VISIT", "occurred", frozenset(["Tomas Quell", "FIN"])),
            ("CALL", "occurred", frozenset(["Ivo Branek", "Jon Dahl"])),
        ],
    ),
    # an office abbreviated in the headline, spelt out in the text, fits "the deputy prime minister"
    (
        "DPM Ivo Branek receives Chilean minister\n\nIvo Branek, Deputy Prime Minister of Finland, received Foreign Minister of Chile Tomas Quell. The deputy prime minister accepted the invitation of Chile for him to attend the Pacific Forum in Lima.",
        [
            ("MEETING", "occurred", frozenset(["Ivo Branek", "Tomas Quell"])),
            ("INVITATION", "occurred", frozenset(["CHL", "Ivo Branek"])),
            ("MULTILATERAL", "intended", frozenset(["Ivo Branek"])),
        ],
    ),
    # a communiqué: the signatories after "the signing of ... by", one document a line after the colon
    (
        "Joint communique\n\nThe two Presidents witnessed the signing of the following instruments by Foreign Minister of Kenya Amos Kiprono and Foreign Minister of Chile Tomas Quell:\ni. Memorandum of Understanding on Fisheries;\nii. Agreement on Air Services.\nThe Presidents then addressed the press.",
        [
            ("AGREEMENT", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("AGREEMENT", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
        ],
    ),
    (
        "President of Kenya Amos Kiprono held talks with President of Chile Tomas Quell in Nairobi. Following the talks, the following documents were signed:\n- Agreement on Trade;\n- Memorandum on Culture;\n- Protocol on Visas.\nThe Presidents then addressed the press.",
        [
            ("MEETING", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("AGREEMENT", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("AGREEMENT", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("AGREEMENT", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
        ],
    ),
    # "the two Heads of State": the two persons named before with that office, not the visit's sides
    (
        "State visit\n\nAt the invitation of President of Kenya Amos Kiprono, President of Chile Tomas Quell paid a State Visit to Kenya on 6 May 2024.\nOfficial talks between the two Heads of State were held at State House on 7 May 2024.",
        [
            ("VISIT", "occurred", frozenset(["Tomas Quell", "KEN"])),
            ("INVITATION", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("MEETING", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
        ],
    ),
    # a minister's agenda: date headings over time-stamped lines, the days after the news planned
    (
        "Minister's agenda for the coming week\n\nOverview of the programme of the Minister of Foreign Affairs of Kenya Amos Kiprono.\n\nMonday 13 May\n10:00 Meeting with the Minister of Foreign Affairs and Trade of the Republic of Chile, Tomas Quell (State House)\n15:00 Cabinet meeting\n\nWednesday 15 May\n09:30 Telephone call with the Prime Minister of Norway, Jon Dahl",
        [
            ("MEETING", "planned", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("CALL", "planned", frozenset(["Amos Kiprono", "Jon Dahl"])),
        ],
    ),
    # an act dated years before the news is background, whatever its wording
    (
        "Foreign Minister of Kenya Amos Kiprono met Foreign Minister of Chile Tomas Quell in Nairobi on Monday. Kenya and Chile established diplomatic relations on 29 December 1991.",
        [("MEETING", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"]))],
    ),
    # aid in money or goods, announced or released by a state; a channel ("through the WFP") is no receiver
    (
        "Norway will contribute NOK 40 million to Kenya's drought response through the World Food Programme.",
        [("AID", "planned", frozenset(["NOR", "KEN"]))],
    ),
    (
        "Chile has already released USD 300,000 in emergency funding to the Government of Peru.",
        [("AID", "occurred", frozenset(["CHL", "PER"]))],
    ),
    # a demonym before a state's institution is that state
    (
        "The Embassy of Finland handed over 300 tonnes of wheat to the Kenyan Ministry of Agriculture on Monday.",
        [("AID", "occurred", frozenset(["FIN", "KEN"]))],
    ),
    # "received a copy of the Letters of Credence of": a longer reach to the credentials noun
    (
        "On Monday the Permanent Secretary, Amb. Dr. Amos Kiprono, received a copy of the Letters of Credence of the Ambassador-designate of the Kingdom of Sweden, Ingrid Sjoberg.",
        [("CREDENTIALS", "occurred", frozenset(["Ingrid Sjoberg", "Amos Kiprono"]))],
    ),
    # "who congratulated him": the person named before, not the state named after
    (
        "Earlier today, President of Kenya Amos Kiprono received a phone call from the President of Chile, Tomas Quell, who congratulated him and the citizens of Kenya on Statehood Day.",
        [
            ("CALL", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("CONGRATULATION", "occurred", frozenset(["Tomas Quell", "Amos Kiprono"])),
        ],
    ),
    # consultations "co-chaired by A and B": the chairs met; a name holding "phone" is no phone call
    (
        "The third round of political consultations between Laos and Chile was held in Vientiane on Monday, co-chaired by Lao Deputy Minister of Foreign Affairs Phonesack Vilay and Chilean Deputy Minister of Foreign Affairs Tomas Quell.",
        [("MEETING", "occurred", frozenset(["Phonesack Vilay", "Tomas Quell"]))],
    ),
    # "the Kenyan delegation was headed by A, the Chilean delegation by B": the heads met
    (
        "Political consultations between the Ministries of Foreign Affairs of Kenya and Chile took place in Nairobi on Monday.\n\nThe Kenyan delegation was headed by Deputy Minister of Foreign Affairs of Kenya Amos Kiprono, the Chilean delegation by Deputy Minister of Foreign Affairs of Chile Tomas Quell.\n\nOn the same day, Mr. Quell was received by the Minister of Foreign Affairs of Kenya Jon Wekesa.",
        [
            ("MEETING", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("MEETING", "occurred", frozenset(["Jon Wekesa", "Tomas Quell"])),
        ],
    ),
    # "said that Benin supports the Chilean candidacy": the speaker's support, for the candidacy's state
    (
        "Minister of Foreign Affairs of Norway Jon Dahl said at the press conference that Norway supports the Chilean candidacy to the Human Rights Council.",
        [("SUPPORT", "occurred", frozenset(["Jon Dahl", "CHL"]))],
    ),
    (
        "Minister of Foreign Affairs of Kenya Amos Kiprono reconfirmed Kenya's firm support for the Republic of Chile's accession process.",
        [("SUPPORT", "occurred", frozenset(["Amos Kiprono", "CHL"]))],
    ),
    # thanks for support is no act of support
    (
        "Ambassador of Kenya Amos Kiprono, expressing appreciation for the support of Kenya's initiatives, met Foreign Minister of Chile Tomas Quell.",
        [("MEETING", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"]))],
    ),
    # a wire's cable: "X sent a cable to Y, congratulating him"; "A and B sent similar cables": each to Y
    (
        "OSLO, May 8 -- His Majesty King Harald Olsen sent a cable on Wednesday to President of the Republic of Kenya Amos Kiprono, congratulating him on his country's National Day.\nHis Royal Highness the Crown Prince Sven Olsen and His Excellency the Prime Minister Jon Dahl sent similar cables.",
        [
            ("CONGRATULATION", "occurred", frozenset(["Harald Olsen", "Amos Kiprono"])),
            ("CONGRATULATION", "occurred", frozenset(["Sven Olsen", "Amos Kiprono"])),
            ("CONGRATULATION", "occurred", frozenset(["Jon Dahl", "Amos Kiprono"])),
        ],
    ),
    # a digest: an item's heading in capitals starts afresh; "The Ministry conveyed" is the publishing state's
    (
        "MINISTRY OF FOREIGN AFFAIRS OF THE REPUBLIC OF KENYA\nNews in Brief: 6 - 10 May 2024\n\nMINISTER MEETS CHILEAN AMBASSADOR\nNairobi - Minister of Foreign Affairs Amos Kiprono received Ambassador of Chile Tomas Quell on Monday.\n\nCONDOLENCES TO PERU\nThe Ministry on Wednesday conveyed heartfelt condolences to the Government and people of Peru following the floods.",
        [
            ("MEETING", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("SYMPATHY", "occurred", frozenset(["KEN", "PER"])),
        ],
    ),
    # a working lunch; "his Kenyan counterpart, Foreign Minister X" is X; "the two ministers" named just before
    (
        "Foreign Minister of Chile Tomas Quell met Foreign Minister of Peru Rosa Huaman. On Wednesday Quell sat down to a working lunch with his Kenyan counterpart, Foreign Minister Amos Kiprono, after which the two ministers put their signatures to the Agreement on a Working Holiday Programme.",
        [
            ("MEETING", "occurred", frozenset(["Tomas Quell", "Rosa Huaman"])),
            ("MEETING", "occurred", frozenset(["Tomas Quell", "Amos Kiprono"])),
            ("AGREEMENT", "occurred", frozenset(["Tomas Quell", "Amos Kiprono"])),
        ],
    ),
    # "spoke at the opening session of the ... Forum": took part in the gathering
    (
        "On Monday Foreign Minister of Chile Tomas Quell spoke at the opening session of the Latin America Business Forum in Tokyo.",
        [("MULTILATERAL", "occurred", frozenset(["Tomas Quell"]))],
    ),
    # "the Prime Minister" is the Prime Minister named before, not the Deputy Prime Minister named last
    (
        "The Prime Minister and Minister for Foreign Affairs of Kenya, Hon. Amos Kiprono, conveyed condolences to Chile. The Deputy Prime Minister and Minister for Home Affairs of Kenya, Hon. Jon Wekesa, will travel to Chile. This morning, the Prime Minister also spoke by phone with the Secretary General of the Pacific Islands Forum (PIF), Ms Ana Ruiz.",
        [
            ("SYMPATHY", "occurred", frozenset(["Amos Kiprono", "CHL"])),
            ("VISIT", "planned", frozenset(["Jon Wekesa", "CHL"])),
            ("CALL", "occurred", frozenset(["Amos Kiprono", "Ana Ruiz"])),
        ],
    ),
    # "agreed to meet again" is talks to come, besides those told; "on the margins of" X is a setting, not a side
    (
        "Foreign Minister of Kenya Amos Kiprono met Foreign Minister of Chile Tomas Quell in Nairobi. The ministers agreed to meet again on the margins of the NATO Summit in The Hague.",
        [
            ("MEETING", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("MEETING", "planned", frozenset(["Amos Kiprono", "Tomas Quell"])),
        ],
    ),
    # "They were signed by A and B": the documents counted between the states were signed by these persons
    (
        "Talks in Nairobi\n\nKenya and Chile signed three agreements on Tuesday in Nairobi, on air services, on investments and on training. They were signed by Foreign Ministers Amos Kiprono and Tomas Quell.",
        [
            ("AGREEMENT", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("AGREEMENT", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
            ("AGREEMENT", "occurred", frozenset(["Amos Kiprono", "Tomas Quell"])),
        ],
    ),
    # "A co-chaired, together with B and C, the trilateral meeting": one meeting of the three chairs
    (
        "On Tuesday, on the margins of the General Assembly, Foreign Minister of Kenya Amos Kiprono co-chaired, together with the Minister of Foreign Affairs of Chile, Tomas Quell, a trilateral ministerial meeting with the Minister of Foreign Affairs of Norway, Jon Dahl.",
        [("MEETING", "occurred", frozenset(["Amos Kiprono", "Tomas Quell", "Jon Dahl"]))],
    ),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0][:48] for c in CASES])
def test_nlp_phrasing(extractor: Extractor, text: str, want: list[Act]) -> None:
    out = extractor.extract(Article(source="t.txt", index=0, text=text, published="2024-05-08"))
    got = [
        (
            e.type,
            e.status,
            frozenset(p.country if p.kind == "country" else p.name for p in e.participants),
        )
        for e in out.events
    ]
    assert Counter(got) == Counter(want)  # sets compare by value; their repr order varies
