// The module's API for the autoloader test; no widget on the page until the test makes one.
import { evaluate, mount, ready } from '/grassroots/grassroots.js';
window.grassroots = { evaluate, mount, ready };
window.dispatchEvent(new Event('grassroots-loaded'));
