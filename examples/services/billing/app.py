"""Billing service: invoices and payment webhooks."""
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    return jsonify(id=invoice_id, status="paid")


@app.route("/webhooks/payment", methods=["POST"])
def payment_webhook():
    event = request.get_json(force=True)
    return jsonify(received=event.get("type"))


app.run(debug=True)
