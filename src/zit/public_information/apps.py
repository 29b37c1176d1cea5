from django.apps import AppConfig


class PublicInformationConfig(AppConfig):
    name = "zit.public_information"
    label = "public_information"
    verbose_name = "Dostęp do informacji publicznej"
