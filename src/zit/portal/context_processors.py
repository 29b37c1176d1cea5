from zit.association.selectors import association_profile


def site(request):
    return {"association": association_profile()}
