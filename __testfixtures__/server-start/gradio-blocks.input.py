import gradio as gr

with gr.Blocks() as demo:
    name = gr.Textbox(label="Name")
    greeting = gr.Textbox(label="Greeting")
    name.submit(lambda text: f"Hello {text}!", name, greeting)

demo.queue().launch()
