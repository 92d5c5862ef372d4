// Exposes the module's API to the test, as a host page without custom elements would use it.
import { mount, ready } from '/grassroots/grassroots.js';
window.grassroots = { mount, ready };
window.dispatchEvent(new Event('grassroots-loaded'));
