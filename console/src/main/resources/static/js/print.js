// The report's print button: the browser's own print dialog, which also saves as PDF.
document.getElementById('print')?.addEventListener('click', () => window.print());
