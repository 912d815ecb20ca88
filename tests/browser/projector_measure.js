// What tests/browser/test_projector.py measures in one part of the meeting page (argument: the part id).
(part) => {
  const box = document.querySelector('.erfakit-part-' + part);
  const bar = document.querySelector('.erfakit-header');
  const visible = (el) => el.offsetParent !== null && el.getClientRects().length > 0;
  const scroller = (() => {
    let node = box;
    while (node && !(['auto', 'scroll'].includes(getComputedStyle(node).overflowY) && node.scrollHeight > node.clientHeight)) {
      node = node.parentElement;
    }
    return node || document.scrollingElement;
  })();
  const name = (el) => el.tagName.toLowerCase() + '.' + String(el.className).split(' ').filter((c) => c.startsWith('erfakit-') || c.startsWith('widget-')).slice(0, 2).join('.');
  const fields = [...box.querySelectorAll('textarea, input, select, table, .widget-html-content'), ...bar.querySelectorAll('*')].filter(visible);
  const wide = fields.filter((el) => el.scrollWidth > el.clientWidth + 1 && !(el.tagName === 'INPUT' && el.type === 'date')).map((el) => name(el) + ' ' + el.scrollWidth + '>' + el.clientWidth);
  const beyond = [...box.querySelectorAll('*'), ...bar.querySelectorAll('*')].filter(visible).filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).map(name);
  const canvas = document.createElement('canvas').getContext('2d');
  const cut = [...box.querySelectorAll('select:not([size]), select[size="1"]')].filter(visible).filter((el) => {
    if (el.multiple || el.size > 1) { return false; }
    const style = getComputedStyle(el);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const widest = Math.max(...[...el.options].map((o) => canvas.measureText(o.text).width));
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return widest > room + 1;
  }).map((el) => name(el.parentElement) + ': ' + el.value);
  const noArrow = [...box.querySelectorAll('.widget-dropdown select')].filter(visible).filter((el) => !getComputedStyle(el).backgroundImage.includes('svg')).map((el) => name(el.parentElement));
  const unnamed = [...document.querySelectorAll('button')].filter(visible).filter((b) => !b.textContent.trim() && !(b.getAttribute('aria-label') || b.title)).map(name);
  const sizes = (selector) => [...box.querySelectorAll(selector)].filter(visible).map((el) => parseFloat(getComputedStyle(el).fontSize));
  const families = [...box.querySelectorAll('textarea, input[type=text]')].filter(visible).map((el) => getComputedStyle(el).fontFamily);
  scroller.scrollTop = 0;
  const first = [...box.querySelectorAll('textarea, input, select, button.erfakit-export-report')].find(visible);
  const firstTop = first ? first.getBoundingClientRect().top : null;
  scroller.scrollTop = scroller.scrollHeight;
  const barRect = bar.getBoundingClientRect();
  const scrolled = scroller.scrollTop;
  scroller.scrollTop = 0;
  return {
    pageWide: scroller.scrollWidth > scroller.clientWidth + 1 || document.documentElement.scrollWidth > window.innerWidth,
    wide, beyond: beyond.slice(0, 8), cut, noArrow, unnamed,
    textSizes: [...sizes('textarea'), ...sizes('input[type=text]'), ...sizes('select'), ...sizes('.erfakit-help'), ...sizes('.widget-label')],
    navSizes: [...bar.querySelectorAll('.erfakit-nav-button')].map((el) => parseFloat(getComputedStyle(el).fontSize)),
    families, firstTop, barTop: barRect.top, barBottom: barRect.bottom, barHeight: barRect.height, scrolled,
  };
}
