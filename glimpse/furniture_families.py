"""The phrase families of :mod:`glimpse.furniture`: patterns only, no logic.

Each family is a list of top-level alternatives with the literals a line must hold for the
alternative to be tried (see ``_PARTS``). Kept apart from the functions so the families can grow
without the module that reads them growing too.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Picture agencies and credit words that open a caption line ("Getty - Contributor Russia ...",
# "AP:Associated Press People in Japan ...", "Reuters The move comes as ...").
AGENCIES = (
    r"(?:Getty(?: Images)?(?: - [A-Z]\w+)?|AFP(?: or licensors)?|AP(?::Associated Press)?|"
    r"EPA|PA(?: Images| Wire)?|Reuters|Rex(?: Features)?|Shutterstock|Alamy|Barcroft Media|"
    r"Handout(?: - Getty)?|Splash News|Backgrid|Corbis|SWNS|Mercury Press|Supplied|Courtesy)"
    # ...but not an agency as the subject of a sentence ("Reuters TV reported", "AP Sources")
    r"(?!\s+(?:TV|News|Television|Breakingviews|Sources|Poll|Foundation|Institute)\b)"
)

# Outlets whose pages carry video players with presenter captions ("Bloomberg's Jo Doe
# discusses ..."): a company's own ("Apple's Tim Cook explains ...") is reporting.
VIDEO_OUTLETS = (
    r"(?:Bloomberg|CNN|CNBC|Reuters|NPR|BBC|Fox News|Fox Business|ABC|ABC News|NBC|NBC News|CBS|"
    r"CBS News|MSNBC|Sky News|AP|AFP|Al Jazeera|PBS|CBC|CTV|Yahoo Finance|WSJ|"
    r"The Wall Street Journal|FT|Financial Times|The Guardian|Guardian|Euronews|"
    r"[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)? (?:TV|News|Television))"
)

# An ALL-CAPS place name ("NEW YORK", "ST. LOUIS"), for datelines.
_PLACE = r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
# A line made only of a date, times, zones and "updated … ago" words, optionally ending in
# "by <Name>"; it must hold a date (month and day, or numbers) or an "ago", so a live page's
# bare time headings ("10 p.m.") stay.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_STAMP_WORD = (
    rf"(?:\d{{1,4}}(?:[:./-]\d{{1,4}}){{0,2}}(?:st|nd|rd|th)?|{_MONTH}|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[ap]\.?m\.?|gmt|utc|[a-z]{1,2}[sd]?t|"
    r"updated|published|posted|last|modified|ago|hours?|hrs?|minutes?|mins?|days?|read|on|at)"
)
# a stamp holds a month, a numeric date with slashes or "ago" (dotted dates are not looked for:
# "." is in every line and the pattern costs ~2 us a line)
_STAMP_LITERALS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                   "dec", "ago", "/")  # fmt: skip
_TIMESTAMP = (
    # the line's shape first (prose fails at its first word), then one year at most ("29
    # November 2018 | 20 January 2019" is an event's dates, not a stamp), then a date or "ago"
    rf"^(?=(?i:{_STAMP_WORD}(?:[\s,/|·•–—-]+{_STAMP_WORD})*)"
    r"(?:,? by [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})?\s*$)"
    r"(?!(?:.*\b(?:19|20)\d\d\b){2})"
    rf"(?i:.*(?:{_MONTH}\s*\d|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\bago\b))"
)

# Each family is a list of top-level alternatives, each with the literals (case-folded) of which
# a line must hold at least one for the alternative to match (None: no prefilter). The joined
# pattern is the family's (FAMILIES); furniture_family() tries an alternative only when one of
# its literals is in the line. Hand-written prefilter: IGNORECASE alternations that start with
# \b or ^ are tried at every position of every line (~0.1 ms a line); a substring test is not.
# tests/test_furniture.py checks the prefiltered search against the joined pattern.
_Part = tuple[tuple[str, ...] | None, str]
_PARTS: dict[str, tuple[list[_Part], int]] = {
    # "This photo released by ... shows", "Pictured: ...", "(AP Photo/Jane Doe)", "Photo: ..."
    "caption": (
        [
            (("this",),
             r"^(?:in )?this (?:undated |handout |file )?(?:photo|image|picture|video|still|"
             r"screenshot|screen grab|frame grab)\b[^.]{0,120}\b(?:shows?|showing|released|"
             r"provided|taken|obtained|made available)\b"),
            (("photo",), r"\b(?:AP|AFP|Reuters|EPA) Photo\b"),
            ((":", "|"),
             r"^(?:pictured|above|below|left|right|top|bottom|inset|main picture|file photo|"
             r"photo|photos|image|images|picture|video|watch|gallery|credit|caption)\s*[:|]\s"),
            (("(",), r"\((?:photo|image|picture|video)(?: by|:)[^)]*\)"),
            (("file",), r"\bfile (?:photo|image)\b"),
            (("this",), r"\bin this (?:undated |handout |file )?(?:photo|image|picture|video)\b"),
            # an agency caption dates its picture: "... dig out on Tuesday, Dec. 26, 2017, after"
            (("day",),
             r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
             r"Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b"),
            # a gallery's timestamp: "... cars ranked Tue, March 22, 2016 Express Sport ranks"
            (("mon,", "tue", "wed", "thu", "fri,", "sat,", "sun,"),
             r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun),? (?:Jan|Feb|Mar|Apr|May|Jun|"
             r"Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b"),
            # a sports picture's moment, told in the present: "... Hopkins reaches for the ball
            # while being guarded by ... during the second half Monday afternoon in Houston"
            (("during the",),
             r"^(?![^.;]*\b(?:said|says|told|according)\b)"
             r"[^.;]*\b(?:reaches|celebrates|runs|throws|catches|scores|reacts|looks on|walks|"
             r"dives|jumps|kicks|passes|carries|tackles|is tackled|is congratulated|warms up|"
             r"drives|shoots|heads|leaps|stretches|slides)\b[^.;]*\bduring the (?:first|second|"
             r"third|fourth|final) (?:half|quarter|period|inning|round|set)\b"),
            # an agency caption ends with its date: "... in Ramallah, January 1, 2018."
            ((",",),
             r",\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},\s"
             r"\d{4}\.?$"),
        ],
        _I,
    ),
    # a credit line, or a caption whose first words are the agency ("Reuters The move ...")
    "credit": (
        [
            (None,
             rf"^{AGENCIES}(?:\s*[/|:-]\s*\w[\w ]{{0,30}})?\s+(?=[A-Z])"
             r"(?!(?:said|says|reported)\b)"),
            (None, r"^(?:photo(?:graph)?|image|picture|video) (?:credit|courtesy)\b"),
            (None, r"^(?:credit|courtesy|source):"),
        ],
        0,
    ),
    # "Subscribe Thank you for subscribing!", "Sign up for our newsletter", "We pay for your
    # stories!", "Click here to ...", "Download the app", "Read more: ..."
    "prompt": (
        [
            (("newsletter",),
             r"^(?:get|join|sign up for) (?:our|the)\b[\w ]{0,30}\bnewsletters?\b"),
            (("subscribe", "sign up", "click", "tap here", "download", "follow", "share", "read",
              "more:", "related:", "see also:", "advertisement", "enable javascript", "log",
              "create an account"),
             r"^(?:subscribe|sign up|click|tap here|download (?:the|our)|follow (?:us|me)|"
             r"share (?:this|on)|read more|read next|more:|related:|see also:|advertisement|"
             r"enable javascript|log ?in\b|create an account)\b"),
            (("thank you for",), r"\bthank you for (?:subscribing|signing up|reading)\b"),
            # link text that sends the reader elsewhere: "You can track the flight here."
            (("here",),
             r"^(?:you can|you could|readers can|find out more|see|watch|listen|read)\b"
             r"[^.!?]{0,100}\bhere\s*[.!:]?\s*$"),
            (("click here",), r"\bclick here\b"),
            (("read ",), r"\bread (?:his|her|their|our|my|more of) (?:other |previous |latest )?"
             r"(?:columns?|stories|articles|posts|work)\b"),
            (("we pay for", "do you have a story", "email us at"),
             r"\bwe pay for (?:your stories|videos)\b|\bdo you have a story\b|\bemail us at\b"),
            (("newsletter", "inbox"),
             r"\b(?:newsletters?|inbox)\b.{0,60}\b(?:sign up|subscribe|delivered|get|receive)\b"),
            (("sign up", "subscribe"),
             r"\b(?:sign up|subscribe)\b.{0,60}\b(?:newsletters?|inbox|updates|alerts)\b"),
            (("most read", "trending now", "recommended for you", "you may also like"),
             r"\b(?:most read|trending now|recommended for you|you may also like)\b"),
            # a related link ("Also on rt.com ...", "Also: See ...", "SEE MORE: ...")
            (("also",), r"^also (?:on|at|from) (?:[\w-]+\.)+[a-z]{2,}\b|"
             r"^also(?: (?:read|see|watch|listen))?\s*[:|]"),
            (("see more", "related "),
             r"^(?:see more|related (?:posts?|articles?|stories|story|reading|content))\s*:"),
            (("popular ", "continues"),
             r"^(?:most )?popular (?:on|at) [\w.]+(?: [\w.]+)?\s*$|"
             r"^(?:the )?(?:story|article|text) continues (?:below|after|under)\b"),
            # "Follow NBC Latino on Facebook, Twitter and Instagram."
            (("follow ",),
             r"^follow (?!(?:him|her|them|us|me)\b)[\w .&'’-]{1,40} on (?:facebook|twitter|"
             r"instagram|tiktok|linkedin|youtube|threads|bluesky|social media)\b"),
            # a share prompt ("Like this story? Share it with a friend!")
            (("share",), r"\bshare (?:it|this(?: story| article| post| page)?|the (?:story|"
             r"article)) with\b"),
            (("this story?", "this article?", "this post?"),
             r"^(?:did you )?(?:like|liked|enjoy|enjoyed|love|loved) this "
             r"(?:story|article|post)\?"),
            (("comments", "stay up to date", "as an interest", "your browser"),
             r"\bcomments (?:are|have been) closed\b|\bstay up to date\b|\bas an interest\b|"
             r"\byour browser (?:does not|doesn['’]t)\b"),
        ],
        _I,
    ),
    # "Kelly Wallace is CNN's digital correspondent ...", "Follow her on Twitter",
    # "Associated Press writer Jane Doe contributed to this report."
    "bio": (
        [
            ((" is ", " was "),
             r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:is|was) (?:an?|the|[A-Z]\w+['’]s)"
             r"[\w ,'’-]{0,80}\b(?:writer|columnist|journalist|editor|correspondent|"
             r"contributor|author|reporter|anchor|host|producer|fellow|professor)\b"),
            (("follow ",), r"(?i:\bfollow (?:him|her|them|us|me) (?:on|at|@))"),
            (("contributed",), r"\bcontributed (?:to )?(?:this )?report|"
             r"\b(?:writers?|reporters?) [A-Z][\w'-]+(?: [A-Z][\w'-]+)* contributed\b"),
            (("by ",),
             r"^(?:[Bb]y|BY) [A-Z][\w.'’-]+ [A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}"
             r"\s*(?:,|$|\||and\b)"),
            # a wire story's credits ("Reporting by Jo Roe; Editing by Al Poe")
            (("reporting by", "writing by", "editing by", "compiled by"),
             r"^\(?(?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled) by "
             r"[A-Z]"),
            # "Staff Reports", "By Reuters Staff", "AP staff writer"
            (("staff",),
             r"^(?:[Bb]y )?(?:[A-Z][\w.&'’-]* )*[Ss]taff(?: [Rr]eports?| [Ww]riters?)?\.?$"),
        ],
        0,
    ),
    # "CLOSE", "Replay", "Autoplay", "Skip Ad", "Now playing", "Up next"
    "player": (
        [
            (None, r"^(?:close|replay|autoplay|skip ad|now playing|up next|play video|watch now|"
             r"video (?:loading|unavailable)|media playback)\b"),
        ],
        _I,
    ),
    # "© 2017 Cable News Network", "All rights reserved", "This material may not be published"
    "legal": (
        [
            (("©", "copyright", "all rights reserved", "may not be", "terms",
              "not responsible for the content", "transcript", "authoritative record"),
             r"©|\bcopyright\b|\ball rights reserved\b|\bmay not be (?:published|reproduced|"
             r"broadcast|rewritten|redistributed)\b|\bterms (?:and|&) conditions\b|"
             r"\bnot responsible for the content\b|\btranscripts? (?:is|are) created\b|"
             r"\bmay not be in its final form\b|\bauthoritative record\b"),
            # the outlet's standards line ("Our Standards: The Thomson Reuters Trust Principles.")
            (("our ", "trust principles"),
             r"^our (?:standards|editorial standards|ethics policy)\b|\btrust principles\b"),
        ],
        _I,
    ),
    # The wire's own lines: a slug ("AP-US--Trump-Impeachment, 4th Ld-Writethru"), a bare
    # separator ("___", "* * *"), a dateline alone on its line ("LONDON (Reuters) -",
    # "BAAR, SWITZERLAND") and a timestamp line ("November 19, 2019 / 12:21 AM / Updated 14
    # hours ago", "5:45 AM PST 11/19/2019 by Jo Roe"). A dateline that opens the first
    # sentence stays: only whole lines are furniture.
    "wire": (
        [
            (("--", "writethru"),
             r"^[A-Z]{2,5}-[A-Z]{2,5}--?[A-Z][\w'’-]*(?:,[\w ,'’-]{0,40})?$|"
             r"\b(?:\d+(?:st|nd|rd|th) )?Ld-Writethru\b"),
            # a rule of underscores, stars, dashes or dots; never a code brace or a table's
            # "|---|" row, which belong to the text around them
            (None, r"^(?:_{2,}|\*(?:\s*\*)+|-{3,}|={3,}|~{3,}|(?:[•·]\s*){2,}|#{3,})$"),
            (("(",),
             rf"^{_PLACE}(?:, [A-Z][\w.'’]*(?: [A-Z][\w.'’]*){{0,2}})? "
             r"\([A-Z][\w .]{0,20}\)\s*[-–—:]?\s*$"),
            ((",",), rf"^{_PLACE}, {_PLACE}\s*[-–—]?$"),
            (_STAMP_LITERALS, _TIMESTAMP),
        ],
        0,
    ),
    # CSS left in the text: breakpoint class names ("- landscape-tablet-and-above") or a
    # media query ("@media (min-width: 768px)")
    "code": (
        [
            (("-",), r"^(?:[-•*]\s*)?[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}$|"
             r"^(?:[-•*]\s*)?[a-z0-9]+(?:-[a-z0-9]+)*-?(?:phone|tablet|browser|desktop|mobile|"
             r"portrait|landscape|breakpoint)(?:-[a-z0-9]+)*$"),
            (("@media", "width", "height"),
             r"@media\b|\b(?:min|max)-(?:device-)?(?:width|height)\s*:\s*\d+(?:\.\d+)?(?:px|em|rem)\b"),
        ],
        0,
    ),
    # "1 of 12", "Image 3 of 10", "Slide 2 / 9"
    "gallery": (
        [
            (None, r"^(?:(?:image|photo|picture|slide)\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\b"),
            (("next ", "previous ", "prev "), r"^(?:next|previous|prev) (?:image|photo|slide)\b"),
            (("expand",), r"\bexpand\s*$"),
        ],
        _I,
    ),
    # "pic.twitter.com/...", "— Jane Doe (@jdoe) August 28, 2017", a bare link
    "social": (
        [
            (("pic.twitter.com", "(@", "http", "via @", "@", "#"),
             r"pic\.twitter\.com|\(@\w{1,15}\)\s+\w+ \d{1,2}, \d{4}|https?://\S+|"
             r"\bvia @\w+|^@\w+|#\w+\s*$"),
        ],
        _I,
    ),
    # A video player's caption: "Bloomberg's Christine Harper discusses the deal on
    # \"Bloomberg Surveillance.\"", "CNN's Jo Doe reports from Seoul.", "(Source: Bloomberg)".
    # "<Outlet>'s <Name> <presenter verb>" with no "that" after the verb (a report's content
    # "CNN's Jo Doe reports that ..." is reporting, attributed).
    "video": (
        [
            (("'s ", "’s ", "' ", "’ "),
             rf"^{VIDEO_OUTLETS}['’]s? [A-Z][\w.'’-]+"
             r"(?: [A-Z][\w.'’-]+){1,2} (?:discusses|explains|talks|reports|breaks down|looks at|"
             r"weighs in|joins|analy[sz]es|previews|examines|has (?:more|the latest|details)|"
             r"takes a look|speaks (?:to|with))\b(?! that\b)"),
            (("(source:",), r"\((?i:source): [A-Z][\w.&' -]{1,40}\)\s*[.]?$"),
        ],
        0,
    ),
    # A "related stories" box: "Related Stories: ...", "RELATED COVERAGE ...", "More on this
    # story", "Also read: ...", "You might also like ...", "Further reading".
    "related": (
        [
            (("related", "more on", "more from", "more stories", "top stories",
              "latest stories", "also read", "read also", "further reading"),
             r"^(?i:related|more on this|more from|more stories|top stories|latest stories|"
             r"also read|read also|further reading)\b"
             r"(?i:\s*(?:stories|articles|coverage|content|links|news|videos?|topics|reading|"
             r"story|topic)\b)?\s*(?:[:|\-–—]|$|(?=\s+[A-Z\d\"“‘']))"),
            (("related",),
             r"\b(?:Related|RELATED) (?:Stories|Articles|Coverage|Content|Links|Videos?|Topics|"
             r"Reading|STORIES|ARTICLES|COVERAGE|CONTENT|LINKS|VIDEOS?|TOPICS)\b"),
        ],
        0,
    ),
    # "Editor's note: ...", "Correction: ...", "Updated at 10:42 a.m."
    "notice": (
        [
            (None, r"^(?:editor['’]s note|correction|clarification|update[d]?|posted|published|"
             r"last (?:updated|modified)|this (?:story|article) (?:was|has been|originally|"
             r"first))\b"),
        ],
        _I,
    ),
}  # fmt: skip
