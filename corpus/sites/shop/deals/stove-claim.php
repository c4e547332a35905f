<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Emberline 2 rebate: online claim | Larchpine</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<header class="site-header">
  <a class="logo" href="/"><img src="/assets/logo.svg" alt="Larchpine Outdoor Supply" width="180" height="40"></a>
  <nav aria-label="Main">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/deals/">Deals</a></li>
      <li><a href="/pricing/">Pricing</a></li>
      <li><a href="/signup/">Sign up</a></li>
      <li><a href="/help/">Help</a></li>
      <li><a href="/contact/">Contact</a></li>
      <li><a href="/terms/">Terms</a></li>
    </ul>
  </nav>
  <form role="search" action="/search" method="get" class="site-search">
    <label for="site-q" class="visually-hidden">Search the shop</label>
    <input type="search" id="site-q" name="q" placeholder="Search tents, stoves, packs">
    <button type="submit">Search</button>
  </form>
</header>
<main>
<article class="claim">
  <h1>Claim your Emberline 2 rebate</h1>
  <p>Takes about three minutes. Have your receipt handy.</p>
  <form action="/claims/submit" method="post" enctype="multipart/form-data" class="claim-form">
    <input type="hidden" name="offer" value="emberline-2026">
    <label for="s-name">Full name</label>
    <input id="s-name" name="name" required autocomplete="name">
    <label for="s-email">Email</label>
    <input id="s-email" name="email" type="email" required autocomplete="email">
    <label for="s-order">Order or receipt number</label>
    <input id="s-order" name="order_number" required>
    <label for="s-date">Purchase date</label>
    <input id="s-date" name="purchase_date" type="date" required>
    <label for="s-receipt">Photo of your receipt</label>
    <input id="s-receipt" name="receipt" type="file" accept="image/*,.pdf" required>
    <fieldset>
      <legend>How should we pay you?</legend>
      <label><input type="radio" name="payout" value="paypal" checked> PayPal</label>
      <label><input type="radio" name="payout" value="card"> Back to the card I paid with</label>
    </fieldset>
    <label for="s-paypal">PayPal email (if you chose PayPal)</label>
    <input id="s-paypal" name="paypal_email" type="email">
    <label><input type="checkbox" name="agree" required> The stove is for my own use and I
    have not returned it.</label>
    <button type="submit">Submit my rebate claim</button>
  </form>
</article>
</main>
<footer class="site-footer">
  <form action="/newsletter/subscribe" method="post" class="newsletter">
    <label for="nl-email">Trail Notes: one email a month about new gear and trail news</label>
    <input type="email" id="nl-email" name="email" placeholder="you@example.com" autocomplete="email" required>
    <button type="submit">Subscribe</button>
  </form>
  <ul class="footer-links">
    <li><a href="/terms/">Terms</a></li>
    <li><a href="/privacy/">Privacy</a></li>
    <li><a href="/contact/">Contact</a></li>
    <li><a href="/careers/">Careers</a></li>
    <li><a href="/blog/">Blog</a></li>
    <li><a href="/de/preise.html" hreflang="de" lang="de">Deutsch</a></li>
  </ul>
  <p class="legal">&copy; 2026 Larchpine Outdoor Supply, 418 Cedar Hollow Road, Bend, OR 97701.
  Store phone 541-555-0148, open daily 9&nbsp;am to 7&nbsp;pm.</p>
</footer>
</body>
</html>
