document.getElementById('page-button').addEventListener('click', function () {
  document.getElementById('page-result').textContent = 'added';
});
