// Portal-wide behaviour. Loaded as a file: the CSP forbids inline scripts.
"use strict";
