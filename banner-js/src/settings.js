/**
 * Entry of the settings chunk (GET /sites/{site}/settings.js?lang=…): the settings-layer code and its CSS, with the
 * site's full published config put in place of INLINE by the server. Loaded by the banner only when the visitor
 * opens the settings; it hands itself to the banner through its script element (see main.js loadSettings).
 */
import { INLINE } from './constants.js';
import { second } from './layer2.js';
import { CSS2 } from './styles2.js';

const s = document.currentScript;
if (s && s.clSettings && typeof INLINE === 'object') s.clSettings({ second, css: CSS2, config: INLINE });
